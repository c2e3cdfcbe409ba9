"""The read path: where the data is, and a cache of validated agreements."""
