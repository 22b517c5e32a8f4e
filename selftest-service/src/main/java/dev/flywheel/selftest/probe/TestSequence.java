package dev.flywheel.selftest.probe;

import dev.flywheel.selftest.capability.Capability;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The round-robin order of the probes: each capability exactly once (SPEC §7). */
@Singleton
public class TestSequence {

    /** Writes come before reads so that memory_read finds what memory_write stored in the same round. */
    public static final List<Capability> ORDER = List.of(Capability.TOOL_USE, Capability.MULTISTEP_PLANNING,
            Capability.MEMORY_WRITE, Capability.MEMORY_READ, Capability.SELF_CODING, Capability.LIGHTNING_ECON);

    private final List<CapabilityProbe> probes;

    @Inject
    public TestSequence(Instance<CapabilityProbe> beans) {
        this(beans.stream().toList());
    }

    /** Builds the sequence from one probe per capability, in {@link #ORDER}. */
    public TestSequence(List<CapabilityProbe> available) {
        Map<Capability, CapabilityProbe> byCapability = new EnumMap<>(Capability.class);
        for (CapabilityProbe probe : available) {
            if (byCapability.put(probe.capability(), probe) != null) {
                throw new IllegalArgumentException("two probes for " + probe.capability().value());
            }
        }
        for (Capability capability : ORDER) {
            if (!byCapability.containsKey(capability)) {
                throw new IllegalArgumentException("no probe for " + capability.value());
            }
        }
        this.probes = ORDER.stream().map(byCapability::get).toList();
    }

    public List<CapabilityProbe> probes() {
        return probes;
    }

    public int size() {
        return probes.size();
    }

    /** The probe at a position of the endless round-robin. */
    public CapabilityProbe at(long position) {
        return probes.get((int) Math.floorMod(position, (long) probes.size()));
    }

    public CapabilityProbe of(Capability capability) {
        return probes.get(ORDER.indexOf(capability));
    }
}
