CREATE INDEX orders_product_id ON orders (product_id);
