#!/usr/bin/env python3
# Regenerates icon.png (128x128 RGBA, no dependencies): python3 make-icon.py
# Draws the package icon: a ring (io_uring's submission/completion ring) with four entries in flight.
import zlib, struct, math
N = 128
S = 4  # supersampling per axis
def inside_round_rect(x, y, r=22):
    cx = min(max(x, r), N - r); cy = min(max(y, r), N - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
def color(x, y):
    if not inside_round_rect(x, y): return None
    bg = (32, 44, 84)
    dx, dy = x - 64, y - 64
    d = math.hypot(dx, dy)
    ang = (math.degrees(math.atan2(dy, dx)) + 360) % 360
    if 30 <= d <= 44:
        # four slots in orange, the rest of the ring white, with small gaps between slots
        slot = int(ang // 30); inslot = ang % 30
        if inslot < 3: return bg
        return (245, 158, 11) if slot in (0, 1, 2, 3) else (236, 240, 248)
    if d <= 14: return (99, 179, 237)
    return bg
rows = []
for py in range(N):
    row = bytearray([0])
    for px in range(N):
        acc = [0, 0, 0, 0]
        for sy in range(S):
            for sx in range(S):
                c = color(px + (sx + .5) / S, py + (sy + .5) / S)
                if c:
                    acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
        n = S * S; a = acc[3] / n
        if a == 0: row += bytes(4)
        else: row += bytes([round(acc[0] * 255 / acc[3]), round(acc[1] * 255 / acc[3]), round(acc[2] * 255 / acc[3]), round(a)])
    rows.append(bytes(row))
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', N, N, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')
open('icon.png', 'wb').write(png)
