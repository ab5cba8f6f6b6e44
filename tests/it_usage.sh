#!/bin/sh
# The command line: every command answers --help with the synopsis of
# the man page, the man page is clean mdoc, and usage errors exit 2.
set -eu
. "$(dirname "$0")/lib.sh"

MAN="$TOP/man/bedrock-audit.1"
check "man page passes mandoc -Tlint" mandoc -Tlint -W warning "$MAN"
mandoc -Tascii "$MAN" | col -b >"$WORK/man.txt"
# The SYNOPSIS section of the rendered page, as one line of words.
sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' "$WORK/man.txt" | tr -s ' \n' '  ' \
	>"$WORK/synopsis.txt"
# The same with every run of blanks one space: one "bedrock-audit CMD ..."
# line per command, as the usage lines of --help are compared with it.
sed -n '/^SYNOPSIS/,/^DESCRIPTION/{/^[A-Z]/d;p;}' "$WORK/man.txt" |
    tr -s ' \t\n' '   ' | sed 's/^ *//; s/ *$//; s/ bedrock-audit /\
bedrock-audit /g' | awk 1 >"$WORK/synopsis-lines.txt"

# The commands are those the command table lists, and the man page has a
# synopsis for each of them and for no other.
"$BIN" --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' >"$WORK/commands.txt"
sed 's/^bedrock-audit \([a-z]*\).*/\1/' "$WORK/synopsis-lines.txt" \
	>"$WORK/man-commands.txt"
check "the man SYNOPSIS names the commands of --help, in order" \
	cmp -s "$WORK/commands.txt" "$WORK/man-commands.txt"

for cmd in $(cat "$WORK/commands.txt"); do
	"$BIN" "$cmd" --help >"$WORK/help.txt"
	check "$cmd --help starts with its usage line" \
		grep -q "^usage: bedrock-audit $cmd " "$WORK/help.txt"
	# Every option the usage line names is in the man page's synopsis
	# for that command (the words between its name and the next one).
	sed -n '/^usage:/,/^$/p' "$WORK/help.txt" | tr -s ' \n' '  ' |
	    grep -o -- '[[ ]-\{1,2\}[a-z][a-z-]*' | tr -d '[ ' | sort -u >"$WORK/opts.txt"
	sed "s/.*bedrock-audit $cmd \(.*\)/\1/; s/ bedrock-audit .*//" \
	    "$WORK/synopsis.txt" >"$WORK/man-$cmd.txt"
	check "$cmd: the usage line names options" test -s "$WORK/opts.txt"
	# The whole usage line, word for word, is the man page's synopsis.
	sed -n '/^usage:/,/^$/p' "$WORK/help.txt" | tr -s ' \t\n' '   ' |
	    sed 's/^usage: //; s/ *$//' | awk 1 >"$WORK/usage-$cmd.txt"
	grep "^bedrock-audit $cmd " "$WORK/synopsis-lines.txt" \
		>"$WORK/man-line-$cmd.txt" || true
	check "$cmd: the --help synopsis equals its man SYNOPSIS line" \
		cmp -s "$WORK/usage-$cmd.txt" "$WORK/man-line-$cmd.txt"
	missing=
	for opt in $(cat "$WORK/opts.txt"); do
		grep -q -- "$opt" "$WORK/man-$cmd.txt" || missing="$missing $opt"
	done
	check "$cmd: options of --help are in the man SYNOPSIS${missing:+ (missing:$missing)}" \
		test -z "$missing"
	expect_exit 2 "$cmd with an unknown option" "$BIN" "$cmd" --no-such-option
done

expect_exit 2 "no command" "$BIN"
expect_exit 2 "unknown command" "$BIN" frobnicate
expect_exit 0 "--help" "$BIN" --help
expect_exit 2 "report with a bad --format" "$BIN" report --format xml
expect_exit 2 "report with a bad --lang" "$BIN" report --lang fr
expect_exit 2 "collect with a bad --timeout" "$BIN" collect --timeout 10x
expect_exit 2 "report with a bad --tz" "$BIN" report --tz Mars/Olympus
expect_exit 2 "status with a bad --tz" "$BIN" status --tz ../../etc/passwd
expect_exit 2 "case with a bad --tz" "$BIN" case --tz "" 1
check "README quick start names make demo and make test" \
	sh -c "grep -q 'make deps demo' '$TOP/README.md' && grep -q 'make test' '$TOP/README.md'"

finish
