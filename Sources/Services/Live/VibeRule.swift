import Messages
import Storage

/// The vibe rule of API.md: energy and valence (each 0 to 1) split at 0.5.
public enum VibeRule {
    /// The threshold between low and high energy or valence.
    public static let threshold = 0.5

    /// Euphoric (high energy, high valence), energetic (high, low), chill (low, high) or
    /// melancholic (low, low); unspecified when either value is unknown.
    public static func vibe(energy: Double?, valence: Double?) -> Vibe {
        guard let energy, let valence, energy.isFinite, valence.isFinite else { return .unspecified }
        switch (energy >= threshold, valence >= threshold) {
        case (true, true): return .euphoric
        case (true, false): return .energetic
        case (false, true): return .chill
        case (false, false): return .melancholic
        }
    }

    /// The vibe of a current track; unspecified when nothing is playing.
    public static func vibe(of nowPlaying: NowPlayingRecord?) -> Vibe {
        guard let nowPlaying, nowPlaying.isPlaying else { return .unspecified }
        return vibe(energy: nowPlaying.track.energy, valence: nowPlaying.track.valence)
    }
}
