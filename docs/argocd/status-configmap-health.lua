-- Argo CD health check for chartreuse's status record (the <fullname>-status ConfigMap).
-- Install under the argocd-cm key `resource.customizations.health.ConfigMap` (see docs/argocd.md).
-- Argo CD runs one check for every ConfigMap: any other ConfigMap is Healthy, as without a check.
-- Argo CD's Lua has no JSON library: the record's last_run.outcome and error are found by pattern;
-- the runner writes them, so their shape is known ("name" : "value", escapes as in JSON).
local hs = {status = "Healthy", message = ""}
local labels = (obj.metadata and obj.metadata.labels) or {}
if labels["app.kubernetes.io/managed-by"] ~= "chartreuse" or obj.data == nil or obj.data["status.json"] == nil then
  return hs
end
local record = obj.data["status.json"]

-- The string value of the first "name" key, its JSON escapes kept as written; nil when absent or null.
local function text(name)
  local _, start = string.find(record, '"' .. name .. '"%s*:%s*"')
  if start == nil then
    return nil
  end
  local i = start + 1
  local value = {}
  while i <= #record do
    local c = string.sub(record, i, i)
    if c == "\\" then
      table.insert(value, string.sub(record, i, i + 1))
      i = i + 2
    elseif c == '"' then
      return table.concat(value)
    else
      table.insert(value, c)
      i = i + 1
    end
  end
  return nil
end

local outcome = text("outcome")
local error = text("error")
if outcome == nil then
  hs.status = "Unknown"
  hs.message = "the status record has no last_run.outcome"
elseif outcome == "running" then
  hs.status = "Progressing"
  hs.message = "migration running"
elseif outcome == "migrated" or outcome == "up-to-date" or outcome == "checked" then
  hs.status = "Healthy"
  hs.message = "last run: " .. outcome
else
  hs.status = "Degraded"
  hs.message = "last run: " .. outcome .. (error and (": " .. error) or "")
end
return hs
