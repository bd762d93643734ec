import { useCallback, useState } from 'react';
import type { RecordDecisionInput, SetParticipationInput } from '../../graphql/generated.js';
import type { Change, ParticipantLabel } from './offline-db.js';
import { type SubmitResult, submitChange } from './sync.js';

interface Inputs {
  participation: SetParticipationInput;
  decision: RecordDecisionInput;
}

function changeOf<K extends keyof Inputs>(kind: K, input: Inputs[K], shown?: ParticipantLabel): Change {
  if (kind === 'participation') {
    const participation = input as SetParticipationInput;
    return {
      kind,
      meetingId: String(participation.meetingId),
      personId: String(participation.personId),
      input: participation,
      ...(shown ? { shown } : {}),
    };
  }
  const decision = input as RecordDecisionInput;
  return { kind: 'decision', meetingId: String(decision.meetingId), input: decision };
}

/**
 * Like Apollo's useMutation for the meeting page's attendance and decisions, but through the outbox: the change is
 * written to this device first, shown at once and sent when there is a connection. It rejects (and `error` says
 * why) only when the server refuses the change; offline it resolves with `queued`.
 */
export function useOutboxMutation<K extends keyof Inputs>(kind: K) {
  const [state, setState] = useState<{ loading: boolean; error: unknown; queued: boolean }>({
    loading: false,
    error: undefined,
    queued: false,
  });
  const mutate = useCallback(
    async ({
      variables,
      shown,
    }: {
      variables: { input: Inputs[K] };
      /** For a check-in: how the page shows the person until the server has them. */
      shown?: ParticipantLabel;
    }): Promise<SubmitResult> => {
      setState({ loading: true, error: undefined, queued: false });
      const result = await submitChange(changeOf(kind, variables.input, shown));
      if (result.status === 'refused') {
        setState({ loading: false, error: result.error, queued: false });
        throw result.error;
      }
      setState({ loading: false, error: undefined, queued: result.status === 'queued' });
      return result;
    },
    [kind],
  );
  return [mutate, state] as const;
}
