package energy.mdma.testsupport;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A package's master data (its {@code meters.csv} and {@code channels.csv}, e.g. of {@link ExamplePackage#dir()}) as
 * the events ingest-service publishes for it: the input of the Streams services' tests, read the same way for each.
 */
public final class PackageMasterData {
    private PackageMasterData() {
    }

    /** The meters of {@code meters.csv} in the package directory, in file order. */
    public static List<MeterEvent> meters(Path packageDir) throws IOException {
        List<MeterEvent> meters = new ArrayList<>();
        for (List<String> r : TestCsv.rows(file(packageDir, "meters.csv"))) {
            meters.add(MeterEvent.newBuilder().setServiceAccount(r.get(0)).setUdcId(r.get(1)).setEspId(r.get(2))
                    .setCustomerName(r.get(3)).setMeterId(r.get(4)).setReadCycle(r.get(5))
                    .setIntervalMinutes(Integer.parseInt(r.get(6))).setDials(Integer.parseInt(r.get(7)))
                    .setMeterMultiplier(decimal(r.get(8))).build());
        }
        return meters;
    }

    /** The channels of {@code channels.csv} in the package directory, in file order. */
    public static List<ChannelEvent> channels(Path packageDir) throws IOException {
        List<ChannelEvent> channels = new ArrayList<>();
        for (List<String> r : TestCsv.rows(file(packageDir, "channels.csv"))) {
            channels.add(ChannelEvent.newBuilder().setMeterId(r.get(0)).setChannel(Integer.parseInt(r.get(1)))
                    .setUom(Uom.valueOf(r.get(2))).setRawUnit(RawUnit.valueOf(r.get(3)))
                    .setPulseMultiplier(decimal(r.get(4))).setMaxPulsesPerInterval(Long.parseLong(r.get(5))).build());
        }
        return channels;
    }

    private static Path file(Path packageDir, String name) {
        Path file = packageDir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the package at " + packageDir + " has no " + name + " (looked for " + file
                    + "): name a complete package; the repository's own is " + ExamplePackage.FIXTURE
                    + " (restore it with 'git checkout -- " + ExamplePackage.FIXTURE + "')");
        }
        return file;
    }

    /** A decimal as written in the package (e.g. {@code "1.5"}) as the events' {@link DecimalValue}. */
    public static DecimalValue decimal(String s) {
        BigDecimal d = new BigDecimal(s);
        return DecimalValue.newBuilder().setUnscaled(d.unscaledValue().longValueExact()).setScale(d.scale()).build();
    }
}
