/// `count` copies of `value`: the array `Array(repeating:count:)` makes, made for less.
///
/// That initialiser allocates through the standard library's unspecialised entry point, which
/// asks the runtime's metadata tables for the array's storage class at every call (some four
/// hundred instructions, more than filling a sentence's arrays). Built from `repeatElement`, the
/// allocation is specialised for the element type and finds the class in a cache.
@inline(__always) func filledArray<Element>(_ value: Element, count: Int) -> [Element] {
    Array(repeatElement(value, count: count))
}
