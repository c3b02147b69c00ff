/// A menu as a list of items that each say what they are (an id), not positions in code: the
/// number a person types is only where an item happens to be shown, so hiding one ("Agree this
/// goal" once it is agreed) never makes another number mean something else.
public struct Menu<ID: Hashable & Sendable>: Sendable {
    public struct Item: Sendable {
        public var id: ID
        public var label: String
        public init(_ id: ID, _ label: String) { self.id = id; self.label = label }
    }

    public var items: [Item]

    public init(_ items: [Item]) { self.items = items }

    public var labels: [String] { items.map(\.label) }

    /// The item a person chose by its number (in any script's digits) or the start of its label.
    public func choose(_ typed: String) -> ID? {
        guard case let .chosen(indices) = ChoiceMatcher.match(typed, labels: labels, multiple: false),
              let i = indices.first else { return nil }
        return items[i].id
    }
}
