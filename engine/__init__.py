"""Backprop Studio's engine: parse matrix expressions, run forward and backward passes as
step records, attribute each gradient entry to the entries that feed it. numpy only."""
