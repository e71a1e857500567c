/// A counter that moves on whenever cached knowledge must be dropped (see `ScoreService.invalidate()`).
actor Generation {
    private(set) var value = 0

    func advance() { value += 1 }
}
