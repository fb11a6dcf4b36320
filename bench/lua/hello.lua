-- The service's own trivial route: bench/routes/ceiling.yaml, the same route as the bare app's
-- GET /camel/hello. No response() callback, so wrk's own client cost stays as low as it goes.
dofile("common.lua")
response = nil
non2xx = nil

local hello

-- Built in init(): wrk knows the Host header only from then on.
function init(args)
  hello = wrk.format("GET", "/bench/hello")
end

function request()
  return hello
end
