#!/usr/bin/env python3
"""Apply named mutations to a simulator scenario.

usage: python3 sim/mutate.py IN.json OUT.json MUTATION ARGS... [MUTATION ...]
       python3 sim/mutate.py --list

IN or OUT may be "-" (stdin / stdout).  REGION may be "*" (every region
holding the subject).  A mutation's arguments end at the next mutation
name.  Exit status: 0 written, 2 usage or mutation error (nothing written).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scenario  # noqa: E402


def usage(out):
    out.write(__doc__.split("\n\n")[1] + "\n\nmutations:\n")
    for name in sorted(scenario.MUTATIONS):
        out.write("  %-20s %s\n" % (name, scenario.MUTATIONS[name].usage))


def main(argv):
    if len(argv) == 1 and argv[0] in ("--list", "-l", "--help", "-h"):
        usage(sys.stdout)
        return 0
    if len(argv) < 3:
        usage(sys.stderr)
        return 2
    src, dst, rest = argv[0], argv[1], argv[2:]
    try:
        scn = scenario.load(src)
        steps = scenario.parse_steps(rest)
        out = scenario.apply_all(scn, steps)
        scenario.dump(out, dst)
    except (OSError, scenario.ScenarioError, scenario.MutationError) as e:
        sys.stderr.write("mutate.py: %s\n" % e)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
