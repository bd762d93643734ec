import type { FragmentType } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { OrganizationName } from '../../components/text.js';
import { OrganizationLabelFragmentDoc } from '../../graphql/generated.js';

/** The organisation an `OrganizationLabel` fragment names, as `OrganizationName` shows it (acronym, or `full`). */
export function OrganizationLabel({
  organization,
  full = false,
}: {
  organization: FragmentType<typeof OrganizationLabelFragmentDoc> | null | undefined;
  full?: boolean;
}) {
  return <OrganizationName organization={useOrganizationLabel(organization)} full={full} />;
}

/** The organisation an `OrganizationLabel` fragment names, for a picker's `selected` (null until it is read). */
export function useOrganizationLabel(
  organization: FragmentType<typeof OrganizationLabelFragmentDoc> | null | undefined,
) {
  const { data, complete } = useFragment({
    fragment: OrganizationLabelFragmentDoc,
    fragmentName: 'OrganizationLabel',
    from: organization ?? null,
  });
  return complete ? data : null;
}
