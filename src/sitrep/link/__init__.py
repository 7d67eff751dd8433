"""Linking: which reports (events as one article tells them) are one real-world event.

`match` scores a pair of reports and says why (rules and weights in `knowledge/linking.toml`),
`cluster` groups a connected set of linked reports into events without merging what a rule or
an analyst keeps apart, `summary` turns a group of reports into one event's fields. The store
(`sitrep.store.linker`) finds the candidate pairs through its indexes and keeps the results.
"""
