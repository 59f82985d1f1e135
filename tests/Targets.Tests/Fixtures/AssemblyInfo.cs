// BuildHost.Run sets the static Serilog Log.Logger: builds run in-process must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
