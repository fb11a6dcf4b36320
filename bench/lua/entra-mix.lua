-- Microsoft Entra ID's request mix: for each user it syncs, a matching lookup
-- (GET /Users?filter=userName eq "x"), then a create (POST /Users, for a user not there yet) or an
-- update (PATCH /Users/{id} in Entra's dialect: capitalised ops, a value-filter path, an enterprise
-- attribute, and now and then active as the string "False" or "True"). Half lookups, a quarter
-- creates, a quarter updates.
dofile("common.lua")

local ids, names
local counter = 0
local pending = nil
local enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

function init(args)
  seed_random()
  ids, names = load_users()
end

local function entra_user(user_name, given, family)
  return string.format('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],'
      .. '"externalId":"%s","userName":"%s","active":true,"displayName":"%s %s",'
      .. '"emails":[{"primary":true,"type":"work","value":"%s"}],"meta":{"resourceType":"User"},'
      .. '"name":{"formatted":"%s %s","familyName":"%s","givenName":"%s"},"roles":[]}',
      enterprise, user_name, user_name, given, family, user_name, given, family, family, given)
end

local function entra_update(i)
  local operations = {
    string.format('{"op":"Replace","path":"displayName","value":"Entra %s %d"}', run_tag, counter),
    string.format('{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"%s"}', names[i]),
    string.format('{"op":"Add","path":"%s:department","value":"Dept %d"}', enterprise, counter % 7),
  }
  if counter % 10 == 0 then
    operations[#operations + 1] = string.format('{"op":"Replace","path":"active","value":"%s"}',
        math.random(2) == 1 and "True" or "False")
  end
  return patch_json(operations)
end

function request()
  counter = counter + 1
  if pending then
    local write = pending
    pending = nil
    return write
  end
  if math.random(2) == 1 then
    local name = string.format("entra.%s.%d.%d@bench.example", run_tag, tid, counter)
    pending = scim_request("POST", "/scim/v2/Users", entra_user(name, "Entra", "User" .. counter))
    return scim_request("GET", "/scim/v2/Users?filter=" .. urlencode('userName eq "' .. name .. '"'))
  end
  local i = math.random(#ids)
  pending = scim_request("PATCH", "/scim/v2/Users/" .. ids[i], entra_update(i))
  return scim_request("GET", "/scim/v2/Users?filter=" .. urlencode('userName eq "' .. names[i] .. '"'))
end
