package energy.mdma.delivery;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/** party-model's counting bcrypt (cost 4) as a bean; selected by the profiles that need it. */
@Alternative
@Singleton
public class CountingHasher extends energy.mdma.party.auth.CountingHasher {
}
