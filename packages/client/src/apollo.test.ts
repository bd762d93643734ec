// @vitest-environment jsdom
import { gql } from '@apollo/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApolloClient } from './apollo.js';

afterEach(() => vi.unstubAllGlobals());

describe('the app client', () => {
  it('sends no @unmask to the server (its schema does not know the directive) and masks fragment data', async () => {
    const bodies: { query: string }[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)));
      const me = { __typename: 'Viewer', role: 'SECRETARIAT', locale: 'en' };
      return new Response(JSON.stringify({ data: { me } }), { headers: { 'content-type': 'application/json' } });
    });
    const query = gql`
      fragment MaskedRole on Viewer {
        role
      }
      fragment UnmaskedLocale on Viewer {
        locale
      }
      query MaskingProbe {
        me {
          ...MaskedRole
          ...UnmaskedLocale @unmask(mode: "migrate")
        }
      }
    `;
    const result = await createApolloClient().query({ query });

    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.query).not.toContain('@unmask');
    expect(bodies[0]?.query).toContain('...UnmaskedLocale');
    // The query's own result holds the unmasked spread's fields, not the masked one's.
    expect(result.data).toEqual({ me: { __typename: 'Viewer', locale: 'en' } });
  });
});
