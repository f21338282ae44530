"""QA page: sample, review with live band, results per reviewer."""
