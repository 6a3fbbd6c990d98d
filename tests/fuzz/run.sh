#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 20).
#   tests/fuzz/run.sh 600      # a long run by hand
# Seed corpora: the example articles, lines of ../shared/data (when present), the rules file and
# the shipped models. Findings are written to build/fuzz/findings-<target>/ and fail the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET="${1:-20}"
BUILD="${FUZZ_BUILD:-build/fuzz}"
CC=clang CXX=clang++ cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIDEBARSPAM_BUILD_FUZZERS=ON \
  -DSIDEBARSPAM_BUILD_TESTS=OFF -DSIDEBARSPAM_INSTALL=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc 2>/dev/null || echo 2)" --target fuzz_score fuzz_rules fuzz_model fuzz_site_memory fuzz_html

corpus() { rm -rf "$BUILD/corpus-$1"; mkdir -p "$BUILD/corpus-$1"; echo "$BUILD/corpus-$1"; }
score_corpus=$(corpus score)
cp examples/article-ko.txt examples/article-en.txt "$score_corpus/"
if [ -d ../shared/data/ko ]; then
  python3 - "$score_corpus" <<'PY'
import gzip, json, sys
out = sys.argv[1]
for name in ("../shared/data/ko/ko_docs.jsonl.gz", "../shared/data/en/train-wcxb-dev.jsonl.gz"):
    with gzip.open(name, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 20:
                break
            doc = json.loads(line)
            text = "\n".join(l["text"] for l in doc["lines"][:40])
            open(f"{out}/{name.split('/')[-1]}-{i}.txt", "w", encoding="utf-8").write(text)
PY
fi
rules_corpus=$(corpus rules)
cp models/rules.tsv "$rules_corpus/"
model_corpus=$(corpus model)
cp models/clickbait.ftz "$model_corpus/"
memory_corpus=$(corpus site_memory)
python3 - "$memory_corpus" <<'PY'
import struct, sys  # a small valid site memory file (format: src/sidebarspam/site_memory.cc)
out = b"SBSMEM\x01\x00" + struct.pack("<QQIQ", 8, 16, 5, 2)
for name, lines in ((b"a.example", [(11, 3, 0), (42, 1, 2)]), (b"b.example", [(7, 2, 1)])):
    out += struct.pack("<I", len(name)) + name + struct.pack("<QQ", 4, len(lines))
    out += b"".join(struct.pack("<QIQ", *line) for line in lines)
open(sys.argv[1] + "/seed.bin", "wb").write(out)
PY

html_corpus=$(corpus html)
cat > "$html_corpus/page.html" <<'HTML'
<!doctype html><html><head><meta charset="euc-kr"><title>t</title></head><body><nav><a href="/">Home</a></nav>
<article><h1>Title of the page</h1><p>First <b>paragraph</b> of text.<br>After a break.</p><pre>a pre
block here</pre></article><ul class="related"><li><a href="/1">One link</a></li><li><a href="/2">Two link</a></li></ul>
<footer>Copyright notice</footer></body></html>
HTML
if [ -f ../shared/data/html/en-trafilatura-html.jsonl.gz ]; then
  python3 - "$html_corpus" <<'PY'
import gzip, json, sys
with gzip.open("../shared/data/html/en-trafilatura-html.jsonl.gz", "rt", encoding="utf-8") as f:
    for i, line in enumerate(f):
        if i >= 10:
            break
        html = json.loads(line)["html"].encode("utf-8")[:60000]
        open(f"{sys.argv[1]}/trafilatura-{i}.html", "wb").write(html)
PY
fi

status=0
for target in score rules model site_memory html; do
  max_len=65536
  [ "$target" = model ] && max_len=$(( $(stat -c %s models/clickbait.ftz) + 1024 ))
  findings="$BUILD/findings-$target"
  mkdir -p "$findings"
  echo "== fuzz_$target for ${SECONDS_PER_TARGET}s"
  if ! "$BUILD/fuzz_$target" "$BUILD/corpus-$target" -max_total_time="$SECONDS_PER_TARGET" \
      -max_len="$max_len" -rss_limit_mb=4096 -timeout=30 -artifact_prefix="$findings/" \
      -print_final_stats=1 2>"$BUILD/fuzz_$target.log"; then
    status=1
    echo "fuzz_$target found a problem: see $BUILD/fuzz_$target.log and $findings/"
  fi
  grep -E "^Done|stat::number_of_executed_units" "$BUILD/fuzz_$target.log" | head -2 || true
done
exit $status
