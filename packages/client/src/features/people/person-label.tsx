import type { FragmentType } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { PersonName } from '../../components/text.js';
import { PersonLabelFragmentDoc } from '../../graphql/generated.js';

/** The person a `PersonLabel` fragment names, as `PersonName` shows them. */
export function PersonLabel({ person }: { person: FragmentType<typeof PersonLabelFragmentDoc> | null | undefined }) {
  const { data, complete } = useFragment({
    fragment: PersonLabelFragmentDoc,
    fragmentName: 'PersonLabel',
    from: person ?? null,
  });
  return <PersonName person={complete ? data : null} />;
}
