-- The service's Spring MVC path without Camel: the actuator's liveness probe (a small JSON answer).
dofile("common.lua")
response = nil
non2xx = nil

local liveness

-- Built in init(): wrk knows the Host header only from then on.
function init(args)
  liveness = wrk.format("GET", "/actuator/health/liveness")
end

function request()
  return liveness
end
