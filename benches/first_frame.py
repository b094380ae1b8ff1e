#!/usr/bin/env python3
"""Time from starting the app to its first frame, in a pseudo-terminal of 160 x 48.

Usage: first_frame.py RUNS MARKER [PREPARE] -- COMMAND...

Starts COMMAND RUNS times in a fresh pseudo-terminal (Python's pty: no tmux needed),
reads what it draws until MARKER (text of the top bar) appears, waits until it has
drawn nothing for SETTLED seconds (the rest of the data set loaded), then sends `q`
and waits for it to end. Before each run, PREPARE (a shell command, may be empty) runs
untimed. Prints the median milliseconds to the first frame and the largest peak
resident memory of the runs in MB (the app's own, from wait4).
"""

import fcntl
import os
import re
import select
import statistics
import struct
import subprocess
import sys
import termios
import time


# Seconds without drawing after which the app is taken to have loaded everything
# (ratatui writes only changed cells, so an idle app writes nothing).
SETTLED = 2.0

# Cursor moves and colours: the app writes wide characters one by one between them.
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]")


def one_run(command, marker):
    pid, fd = os.forkpty()
    if pid == 0:
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
    start = time.perf_counter()
    seen, elapsed = b"", None
    while elapsed is None:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            sys.exit("no first frame within 60 s")
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            sys.exit("the app ended before its first frame: " + seen.decode(errors="replace")[-500:])
        seen += chunk
        if marker in ESCAPES.sub(b"", seen):
            elapsed = time.perf_counter() - start
    # The app draws the viewer's part first and loads the rest behind it, counting
    # files in its top bar as it goes: wait until it has drawn nothing for a while,
    # so that the peak memory is that of the whole data set, not of the part.
    while select.select([fd], [], [], SETTLED)[0]:
        try:
            os.read(fd, 65536)
        except OSError:
            break
    os.write(fd, b"q")
    # Keep reading, so that the app is never blocked writing to a full terminal.
    while True:
        try:
            done, status, usage = os.wait4(pid, os.WNOHANG)
        except ChildProcessError:
            break
        if done:
            break
        if select.select([fd], [], [], 0.05)[0]:
            try:
                os.read(fd, 65536)
            except OSError:
                pass
    os.close(fd)
    return elapsed * 1000, usage.ru_maxrss / 1024


def main():
    runs, marker, rest = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3:]
    split = rest.index("--")
    prepare, command = " ".join(rest[:split]), rest[split + 1 :]
    times, peaks = [], []
    for _ in range(runs):
        if prepare:
            subprocess.run(prepare, shell=True, check=True)
        ms, mb = one_run(command, marker)
        times.append(ms)
        peaks.append(mb)
    print("%.1f %.0f" % (statistics.median(times), max(peaks)))


main()
