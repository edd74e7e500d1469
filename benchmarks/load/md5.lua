-- MD5 (RFC 1321) in LuaJIT, for the wrk Digest client (digest_client.lua): wrk's Lua has no hash
-- functions, and the partner backend's direct and nginx rows need a Digest Authorization per request.
-- Uses LuaJIT's `bit` library; returns the lower-case hex digest of a string.
local bit = require("bit")
local band, bor, bxor, bnot, rol, tobit = bit.band, bit.bor, bit.bxor, bit.bnot, bit.rol, bit.tobit
local byte, char, format = string.byte, string.char, string.format

local K, S = {}, {
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
  5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
  6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
}
for i = 0, 63 do K[i + 1] = tobit(math.floor(math.abs(math.sin(i + 1)) * 2 ^ 32)) end

local function le_word(s, i)
  local a, b, c, d = byte(s, i, i + 3)
  return bor(a, b * 0x100, c * 0x10000, d * 0x1000000)
end

local function le_hex(x)
  x = band(x, 0xffffffff)
  local out = {}
  for i = 1, 4 do
    out[i] = format("%02x", band(x, 0xff))
    x = bit.rshift(x, 8)
  end
  return table.concat(out)
end

return function(message)
  local len = #message
  -- Padding: 0x80, zeros to 56 mod 64, then the bit length as a 64-bit little-endian number.
  local bits = len * 8
  local pad = char(0x80) .. string.rep("\0", (55 - len) % 64)
  local tail = {}
  for i = 0, 7 do tail[i + 1] = char(math.floor(bits / 2 ^ (8 * i)) % 256) end
  local m = message .. pad .. table.concat(tail)

  local a0, b0, c0, d0 = tobit(0x67452301), tobit(0xefcdab89), tobit(0x98badcfe), tobit(0x10325476)
  local X = {}
  for chunk = 1, #m, 64 do
    for j = 0, 15 do X[j] = le_word(m, chunk + j * 4) end
    local a, b, c, d = a0, b0, c0, d0
    for i = 0, 63 do
      local f, g
      if i < 16 then
        f, g = bor(band(b, c), band(bnot(b), d)), i
      elseif i < 32 then
        f, g = bor(band(d, b), band(bnot(d), c)), (5 * i + 1) % 16
      elseif i < 48 then
        f, g = bxor(b, c, d), (3 * i + 5) % 16
      else
        f, g = bxor(c, bor(b, bnot(d))), (7 * i) % 16
      end
      local t = d
      d = c
      c = b
      b = tobit(b + rol(tobit(a + f + K[i + 1] + X[g]), S[i + 1]))
      a = t
    end
    a0, b0, c0, d0 = tobit(a0 + a), tobit(b0 + b), tobit(c0 + c), tobit(d0 + d)
  end
  return le_hex(a0) .. le_hex(b0) .. le_hex(c0) .. le_hex(d0)
end
