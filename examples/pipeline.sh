# Clean a JSONL crawl: body text goes to "body", bad records are reported, not dropped.
sidebarspam clean examples/crawl.jsonl --output-field body --quiet -o /tmp/cleaned.jsonl || echo "some records failed"
grep -c '"body"' /tmp/cleaned.jsonl                  # 2 cleaned pages
grep -c '"sidebarspam_error"' /tmp/cleaned.jsonl     # 1 error record
