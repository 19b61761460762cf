// \(t) — see the issues.
