package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.MarketRole;
import energy.mdma.ingest.model.Party;

final class PartiesHandler extends RowHandler {
    private final FirstLines seen = new FirstLines();

    PartiesHandler(Ctx ctx) {
        super(ctx);
    }

    @Override
    void row(CsvRow row, long line) throws RowReject {
        String id = Fields.checked(row, 0, Fields::isPartyId, "party_id",
                "must be 2 to 20 capital letters, digits, '_' or '-' (e.g. SCE, ESP01)");
        MarketRole role;
        if (row.is(1, "UDC")) {
            role = MarketRole.UDC;
        } else if (row.is(1, "ESP")) {
            role = MarketRole.ESP;
        } else {
            throw new RowReject("role " + row.show(1) + " must be UDC or ESP");
        }
        if (row.isEmpty(2)) {
            throw new RowReject("name is empty; give the party's display name");
        }
        String duns = row.get(3);
        if (!Fields.isDigits(duns, 9, 9)) {
            throw new RowReject("duns " + row.show(3) + " must be the 9-digit D-U-N-S number");
        }
        seen.claim(id, line, () -> "party_id " + id);
        ctx.sink.party(new Party(id, role, row.get(2), duns, line));
    }
}
