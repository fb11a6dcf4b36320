-- The bare ceiling: Spring MVC's GET /hello in bench/ceiling, the denominator of every "% bare".
-- No response() callback, so wrk's own client cost stays as low as it goes.
dofile("common.lua")
response = nil
non2xx = nil

local hello

-- Built in init(): wrk knows the Host header only from then on.
function init(args)
  hello = wrk.format("GET", "/hello")
end

function request()
  return hello
end
