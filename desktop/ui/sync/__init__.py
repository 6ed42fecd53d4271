"""The Sinkronisasi module: enrollment, "Sinkronkan sekarang", the last report, the records the
server refused, and the conflicts view (overwritten values, restorable with one click)."""
