/**
 * Streaming parsers for the ingest file kinds: the acceptance-package CSV files (parties, meters, channels,
 * schedule, intervals, registers) and CMEP MEPMD01 (input-formats.md sections 1 and 2).
 *
 * <p>Entry point: {@link IngestParser#parse}. Master data is looked up through
 * {@link MasterDataView}; output goes to an {@link IngestSink};
 * the result is a {@link ParseReport}.
 *
 * <p>Choices made here (not fixed by the spec):
 * <ul>
 * <li>Raw interval values are fixed-point longs with scale 6 (micro-units); more than 6 significant decimals
 * is rejected as "too many decimals". Register readings are whole numbers (long, no sign).</li>
 * <li>Blank lines are skipped and not counted. A quoted field may hold a line break (RFC 4180) in parties.csv
 * and meters.csv, the kinds with a free-text column; a record is numbered by its first line and later lines keep
 * their physical numbers. In the other kinds a quoted field must close on its own line.</li>
 * <li>An empty CSV file (no header) is rejected whole; an empty CMEP file has zero records.</li>
 * <li>A CSV line longer than 64 Ki characters (a CMEP record longer than 1 Mi) is rejected as a row.</li>
 * <li>A time may carry seconds in registers.csv, not in intervals.csv (whole minutes).</li>
 * <li>A meter's udc_id/esp_id must be a known UDC/ESP (option requireKnownParties); all meters of an account
 * must share one read_cycle (earlier rows of the file and known meters not re-sent in it).</li>
 * <li>CMEP: created must be a valid CCYYMMDDHHMM; quality-N triples are skipped but their end still counts
 * for the next implied end; interval counting months is rejected.</li>
 * </ul>
 */
package energy.mdma.ingest.parse;
