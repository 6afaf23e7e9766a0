#!/usr/bin/env python3
"""Lists Swift functions, initialisers, closures-as-properties and computed properties longer than a limit.

Usage: scripts/function-lengths.py [--limit N] [--all] [PATH ...]   (default: Sources, limit 80)

A function's length is counted from the line of its declaration to the line of its closing brace. A function
whose body carries a comment containing "long because" (or "may be long") within its first lines is listed as
explained rather than as too long. Exits 1 when an unexplained function is over the limit, so it can gate CI.
"""
import os, re, sys

DECL = re.compile(r'^\s*(?:@[\w()":, ]+\s+)*(?:(?:public|package|internal|private|fileprivate|open|static|class|final|'
                  r'override|mutating|nonmutating|nonisolated|convenience|required|@inlinable|@usableFromInline)\s+)*'
                  r'(func\s+[^\s(<]+|init[?!]?\s*[(<]|deinit\b|(?:var|let)\s+\w+\s*:[^=]*\{\s*$|subscript\s*\()')


def strip(line):
    """The line without string literals and comments (good enough for brace counting in this code base)."""
    out, i, in_str = [], 0, False
    while i < len(line):
        c = line[i]
        if in_str:
            if c == '\\': i += 2; continue
            if c == '"': in_str = False
            i += 1; continue
        if c == '"': in_str = True; i += 1; continue
        if line.startswith('//', i): break
        out.append(c); i += 1
    return ''.join(out)


def functions(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    result, i = [], 0
    in_multiline = False
    while i < len(lines):
        line = lines[i]
        if line.count('"""') % 2 == 1: in_multiline = not in_multiline
        m = None if in_multiline else DECL.match(line)
        if not m:
            i += 1; continue
        name = m.group(1).strip()
        depth, parens, started, j = 0, 0, False, i
        while j < len(lines):
            text = strip(lines[j]) if '"""' not in lines[j] else ''
            for c in text:
                # Braces inside the parameter list (a default closure such as `= { false }`) are not the body.
                if c == '(' and not started: parens += 1
                elif c == ')' and not started: parens -= 1
                elif c == '{' and (started or parens == 0): depth += 1; started = True
                elif c == '}' and started: depth -= 1
            if started and depth <= 0: break
            if not started and j > i + 12: break   # a protocol requirement or declaration without a body
            j += 1
        if started:
            body = '\n'.join(lines[i:min(j + 1, i + 8)])
            explained = 'long because' in body or 'may be long' in body
            result.append((j - i + 1, name, i + 1, explained))
        i += 1
    return result


def main(argv):
    limit, show_all, paths = 80, False, []
    k = 0
    while k < len(argv):
        if argv[k] == '--limit': limit = int(argv[k + 1]); k += 2; continue
        if argv[k] == '--all': show_all = True; k += 1; continue
        paths.append(argv[k]); k += 1
    paths = paths or ['Sources']
    found = []
    for root in paths:
        for d, _, files in os.walk(root):
            for f in sorted(files):
                if f.endswith('.swift'):
                    p = os.path.join(d, f)
                    found += [(n, name, p, line, ex) for n, name, line, ex in functions(p)]
    found.sort(key=lambda x: (-x[0], x[2], x[3]))
    over = [x for x in found if x[0] > limit]
    for n, name, p, line, ex in (found if show_all else over):
        print(f'{n:5d}  {p}:{line}  {name}{"  (explained)" if ex else ""}')
    unexplained = [x for x in over if not x[4]]
    print(f'{len(found)} functions; {len(over)} over {limit} lines, {len(unexplained)} of them without a comment saying why')
    return 1 if unexplained else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
