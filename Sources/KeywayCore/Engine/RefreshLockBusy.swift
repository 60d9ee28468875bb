/// A refresh ahead of need found another process refreshing the identity, and left it to that process.
struct RefreshLockBusy: Error {}
