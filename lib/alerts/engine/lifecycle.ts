// Pure: one (threshold, client, subject)'s alert lifecycle, advanced one evaluation at a time
// (the model is lib/monitoring/confirm-state.ts). No clock and no I/O: every time comes in
// with the observation, so every rule is tested on a fake clock.
//
// The rules, in words (README "Alerting"):
// - ok → pending on the first breaching evaluation; → firing after `forCount` consecutive
//   breaching evaluations (forCount 1: straight to firing). A clear evaluation while pending
//   goes back to ok without a word.
// - firing → resolved (back to ok) after ONE clear evaluation. Entering is guarded by forCount
//   (and a system's status by its own probe confirmations); leaving fast means the recovery
//   notice is not held back, and oscillation is the flapping rule's job, not forCount's.
// - Flapping: ok⇄firing transitions are remembered (bounded); when a transition would make
//   ≥ `flapping.transitions` of them within `flapping.windowMs`, the alert is held firing and
//   marked flapping, with one "flapping" message instead of a storm of firing/resolved ones.
//   While held, each breach⇄clear flip still counts as a transition; the alert resolves only
//   when the evaluation is clear AND the transitions in the window have fallen below the limit
//   (stable for a window), with one recovery notice.
// - Reminders every `remindEveryMinutes` while firing, not acknowledged and not in maintenance.
// - Maintenance (muting): an alert that fires inside a window is recorded muted and nothing is
//   sent; if it is still firing when the window is over it is unmuted and its "firing" message
//   goes out then. Nothing is sent during maintenance (no reminder, no recovery), and a muted
//   alert never sends a recovery notice (it never sent a firing one).
// - Recovery notice unless notifyRecovery is false.

export type EvaluationState = "ok" | "pending" | "firing";

/** What the lifecycle needs of the open alert (present exactly while firing). */
export interface AlertSnapshot {
  flapping: boolean;
  muted: boolean;
  acknowledged: boolean;
  reminders: number;
  nextReminderAt: Date | null;
}

export interface LifecycleState {
  state: EvaluationState;
  /** Consecutive breaching evaluations while pending; consecutive clear ones while firing (held flapping); 0 otherwise. */
  streak: number;
  /** Times of recent ok⇄firing transitions (and flips while held flapping), oldest first, bounded. */
  transitions: readonly Date[];
  alert: AlertSnapshot | null;
}

export interface LifecycleSettings {
  forCount: number;
  notifyRecovery: boolean;
  /** null: no reminders. */
  remindEveryMinutes: number | null;
}

export interface FlappingRules {
  transitions: number;
  windowMs: number;
}

export interface Observation {
  breach: boolean;
  now: Date;
  /** The client is inside a maintenance window now. */
  inMaintenance: boolean;
}

export type LifecycleEventKind = "pending" | "firing" | "resolved" | "flapping" | "reminder" | "muted" | "unmuted";

export interface LifecycleEvent {
  kind: LifecycleEventKind;
  /** The outbox event key when a message goes out (firing | resolved | flapping | reminder:<n>); null = recorded only. */
  notify: string | null;
}

export interface LifecycleStep {
  state: LifecycleState;
  events: LifecycleEvent[];
}

/** Transitions kept per subject: enough for any flapping rule the settings allow. */
export const MAX_TRANSITIONS = 50;

export const initialLifecycleState = (): LifecycleState => ({ state: "ok", streak: 0, transitions: [], alert: null });

export function nextLifecycle(current: LifecycleState, obs: Observation, settings: LifecycleSettings, flapping: FlappingRules): LifecycleStep {
  if (!Number.isInteger(settings.forCount) || settings.forCount < 1) throw new RangeError(`forCount must be a positive integer, got ${settings.forCount}`);
  const now = obs.now;
  const events: LifecycleEvent[] = [];
  const inWindow = (list: readonly Date[]) => list.filter((d) => d.getTime() > now.getTime() - flapping.windowMs && d.getTime() <= now.getTime());
  const remember = (list: readonly Date[]) => [...inWindow(list), now].slice(-MAX_TRANSITIONS);
  const quiet = obs.inMaintenance;

  if (current.state !== "firing" || !current.alert) {
    if (!obs.breach) return { state: { ...current, state: "ok", streak: 0, alert: null }, events: [] };
    const streak = current.state === "pending" ? current.streak + 1 : 1;
    if (streak < settings.forCount) {
      if (current.state !== "pending") events.push({ kind: "pending", notify: null });
      return { state: { ...current, state: "pending", streak, alert: null }, events };
    }
    // Fires. Too many recent transitions: it is flapping from the start (one flapping message).
    const transitions = remember(current.transitions);
    const flaps = transitions.length >= flapping.transitions;
    const alert: AlertSnapshot = {
      flapping: flaps,
      muted: quiet,
      acknowledged: false,
      reminders: 0,
      nextReminderAt: settings.remindEveryMinutes ? new Date(now.getTime() + settings.remindEveryMinutes * 60_000) : null,
    };
    // Flapping already: the one "flapping" message says it (no separate firing one).
    events.push({ kind: "firing", notify: quiet || flaps ? null : "firing" });
    if (flaps) events.push({ kind: "flapping", notify: quiet ? null : "flapping" });
    if (quiet) events.push({ kind: "muted", notify: null });
    return { state: { state: "firing", streak: 0, transitions, alert }, events };
  }

  // Firing.
  const alert: AlertSnapshot = { ...current.alert };
  let transitions = [...current.transitions];
  if (alert.muted && !quiet) {
    // Maintenance is over and it is still firing: say so now, once.
    alert.muted = false;
    events.push({ kind: "unmuted", notify: obs.breach ? "firing" : null });
  }

  if (!obs.breach) {
    if (alert.flapping) {
      // Held: a flip to clear counts as a transition; it resolves once the window has calmed down.
      if (current.streak === 0) transitions = remember(transitions);
      if (inWindow(transitions).length >= flapping.transitions) {
        return { state: { state: "firing", streak: current.streak + 1, transitions, alert }, events };
      }
    } else {
      const would = remember(transitions);
      if (would.length >= flapping.transitions) {
        // This recovery would be one transition too many: hold firing, marked flapping.
        alert.flapping = true;
        events.push({ kind: "flapping", notify: quiet || alert.muted ? null : "flapping" });
        return { state: { state: "firing", streak: 1, transitions: would, alert }, events };
      }
      transitions = would;
    }
    const notify = settings.notifyRecovery && !quiet && !current.alert.muted;
    events.push({ kind: "resolved", notify: notify ? "resolved" : null });
    return { state: { state: "ok", streak: 0, transitions, alert: null }, events };
  }

  // Still breaching. While held flapping, a flip back to breach counts as a transition.
  if (alert.flapping && current.streak > 0) transitions = remember(transitions);
  if (settings.remindEveryMinutes && !alert.acknowledged && !quiet && !alert.muted && alert.nextReminderAt && now >= alert.nextReminderAt) {
    alert.reminders += 1;
    alert.nextReminderAt = new Date(now.getTime() + settings.remindEveryMinutes * 60_000);
    events.push({ kind: "reminder", notify: `reminder:${alert.reminders}` });
  }
  return { state: { state: "firing", streak: 0, transitions, alert }, events };
}
