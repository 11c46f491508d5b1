package io.loadstack.consumer.journal;

/** One durable record: its log sequence number, what kind of event it holds, and the event's bytes. */
public record JournalEntry(long lsn, byte type, byte[] payload) {
}
