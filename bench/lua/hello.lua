-- Ceiling: the trivial endpoint of bench/routes/ceiling.yaml. No response() callback, so wrk's
-- own client cost stays as low as it goes.
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
