package tw.queue.hub.server;

import io.vertx.core.Future;
import tw.queue.hub.store.HubDatabase;

/**
 * Work on the hub's database for the route classes (pairing, revocations), run on the writer's thread in turn
 * with the event log's appends; the future fails when it could not be stored.
 */
@FunctionalInterface
interface OnStore {
    Future<Void> run(Work work);

    @FunctionalInterface
    interface Work {
        void run(HubDatabase db) throws Exception;
    }
}
