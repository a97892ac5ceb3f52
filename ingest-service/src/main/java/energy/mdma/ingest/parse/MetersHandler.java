package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.MarketRole;
import energy.mdma.ingest.model.Meter;
import energy.mdma.ingest.model.MeterInfo;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * meters.csv. Within the file, meter_id must be unique, and all meters of a service account must share one
 * read_cycle, checked against earlier rows of the file and against known meters of the account that this
 * file does not (yet) re-send.
 */
final class MetersHandler extends RowHandler {
    private final Map<String, Long> seenMeters = new HashMap<>();
    private final Map<String, String[]> accountCycles = new HashMap<>(); // account -> {cycle, line, meter}

    MetersHandler(Ctx ctx) {
        super(ctx);
    }

    @Override
    void row(CsvRow row, long line) throws RowReject {
        String account = Fields.checked(row, 0, v -> Fields.isDigits(v, 1, 20), "service_account",
                "must be 1 to 20 digits");
        String udc = party(row, 1, "udc_id", MarketRole.UDC);
        String esp = party(row, 2, "esp_id", MarketRole.ESP);
        String customer = row.get(3);
        String meterId = Fields.checked(row, 4, Fields::isMeterId, "meter_id",
                "must be 1 to 20 letters, digits or '-'");
        String cycle = Fields.readCycle(row, 5);
        int minutes = (int) Fields.whole(row.buf(), row.start(6), row.end(6), "interval_minutes", 0, 60);
        if (minutes != 0 && minutes != 5 && minutes != 15 && minutes != 30 && minutes != 60) {
            throw new RowReject("interval_minutes " + row.show(6) + " must be 15, 5, 30 or 60 for an interval meter,"
                    + " or 0 for a non-interval meter");
        }
        int dials = (int) Fields.whole(row.buf(), row.start(7), row.end(7), "dials", 4, 8);
        BigDecimal multiplier = Fields.decimal(row.get(8), "meter_multiplier", true);

        Long earlier = seenMeters.get(meterId);
        if (earlier != null) {
            throw new RowReject("meter_id " + meterId + " is already given on line " + earlier
                    + " of this file; a meter is listed once");
        }
        String[] inFile = accountCycles.get(account);
        if (inFile != null && !inFile[0].equals(cycle)) {
            throw new RowReject("read_cycle " + cycle + " differs from read_cycle " + inFile[0] + " of meter "
                    + inFile[2] + " of the same service account " + account + " (line " + inFile[1]
                    + "); all meters of an account share one read cycle");
        }
        for (MeterInfo known : ctx.view.metersOfAccount(account)) {
            if (!known.meterId().equals(meterId) && !seenMeters.containsKey(known.meterId())
                    && !known.readCycle().equals(cycle)) {
                throw new RowReject("read_cycle " + cycle + " differs from read_cycle " + known.readCycle()
                        + " of known meter " + known.meterId() + " of the same service account " + account
                        + "; all meters of an account share one read cycle");
            }
        }
        seenMeters.put(meterId, line);
        if (inFile == null) {
            accountCycles.put(account, new String[] {cycle, Long.toString(line), meterId});
        }
        ctx.sink.meter(new Meter(account, udc, esp, customer, meterId, cycle, minutes, dials, multiplier, line));
    }

    private String party(CsvRow row, int i, String column, MarketRole role) throws RowReject {
        String id = row.get(i);
        if (!Fields.isPartyId(id)) {
            throw new RowReject(column + " " + row.show(i) + " must be a party_id: 2 to 20 capital letters, digits,"
                    + " '_' or '-'");
        }
        if (ctx.options.requireKnownParties()) {
            Optional<MarketRole> known = ctx.view.partyRole(id);
            if (known.isEmpty()) {
                throw new RowReject(column + " " + id + " is not a known party; ingest parties.csv with it first");
            }
            if (known.get() != role) {
                throw new RowReject(column + " " + id + " is a party with role " + known.get() + ", not " + role);
            }
        }
        return id;
    }
}
