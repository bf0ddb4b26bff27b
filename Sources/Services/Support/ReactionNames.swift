import Messages

extension ReactionType {
    /// The known reaction types (every value but `unspecified`) by their stored names.
    static let storedNames: [ReactionType: String] = [
        .fire: "fire", .heart: "heart", .music: "music", .wave: "wave", .sparkle: "sparkle",
    ]

    /// The type a stored name (`reactions.type`, a notification's `reaction_type`) stands for;
    /// nil for an unknown name.
    init?(storedName: String) {
        guard let match = Self.storedNames.first(where: { $0.value == storedName }) else { return nil }
        self = match.key
    }

    /// The name this type is stored under; nil for `unspecified` and unknown values.
    var storedName: String? { Self.storedNames[self] }
}
