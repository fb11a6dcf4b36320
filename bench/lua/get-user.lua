-- GET /Users/{id} of a random seeded user.
dofile("common.lua")

local ids

function init(args)
  seed_random()
  ids = load_users()
end

function request()
  return scim_request("GET", "/scim/v2/Users/" .. ids[math.random(#ids)])
end
