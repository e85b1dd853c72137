/// The service's default cut on `Departure.confidence`.
///
/// Rows below it are kept in the snapshot but left out of answers unless a client asks
/// for them (`min_confidence` on the API, `--min-confidence` on `exodus extract`). The
/// value is the one `make train` chose: the lowest cut whose out-of-fold precision reaches
/// 0.9 (95 % Wilson lower bound) while keeping half the right rows, else the highest cut
/// within 0.01 of the best out-of-fold F1. A test keeps this constant equal to the one
/// recorded in the model file.
public enum Confidence {
    public static let defaultMinimum: Double = 0.8
}
