-- Token bucket, atomic in Redis: KEYS[1] = the bucket, ARGV[1] = tokens per second, ARGV[2] = bucket size,
-- ARGV[3] = tokens wanted (a gateway replica takes a few at once and spends them locally).
-- Answers {tokens granted, 0} when at least one was taken (never more than wanted or than the bucket holds),
-- {0, milliseconds until one is due} when the bucket is empty.
-- Redis' own clock is used so that every gateway replica refills the same bucket at the same pace.
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local granted = math.min(wanted, math.floor(tokens))
local wait = 0
if granted >= 1 then
  tokens = tokens - granted
else
  granted = 0
  wait = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return {granted, wait}
