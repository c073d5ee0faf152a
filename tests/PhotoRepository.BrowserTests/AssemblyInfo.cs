// Hangfire keeps its job storage in a process-wide static (JobStorage.Current): two live apps in one
// test process at once would enqueue into each other's storage. Run the browser test classes one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
