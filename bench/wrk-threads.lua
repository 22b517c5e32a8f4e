-- Shared by bench/'s wrk scripts (loaded with dofile): numbers wrk's threads 0, 1, ... in the global `index`, so a
-- script can split its work by thread; the scripts get the thread count as their last argument (lib.sh wrk_script).
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
end
