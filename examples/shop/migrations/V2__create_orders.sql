CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  product_id bigint NOT NULL REFERENCES products,
  quantity integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
