-- Entra's group read: the first page of groups without their members.
dofile("common.lua")

function request()
  return scim_request("GET", "/scim/v2/Groups?excludedAttributes=members")
end
