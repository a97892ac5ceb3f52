package energy.mdma.timeliness;

import energy.mdma.events.CohortFigures;
import energy.mdma.events.Notice;
import java.util.List;

/**
 * What one evaluation tick produced: cohort figures that changed since last emitted (to produce to
 * mdma.timeliness, key {@link CohortKey#kafkaKey()}) and notices that are new (to produce to
 * mdma.notices, key partyId).
 */
public record Evaluation(List<CohortFigures> figures, List<Notice> notices) {

    public Evaluation {
        figures = List.copyOf(figures);
        notices = List.copyOf(notices);
    }

    public boolean isEmpty() {
        return figures.isEmpty() && notices.isEmpty();
    }
}
