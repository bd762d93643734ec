import { Field, InputType, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../graphql/enums.js';
import { LOCALES, type Locale } from './account.entity.js';
import { ViewerType } from './account.type.js';

export const LocaleEnum = graphqlEnum(LOCALES, 'Locale', 'A language of the product.', {
  EN: 'English.',
  KM: 'Khmer (ភាសាខ្មែរ).',
});

@ObjectType('EmailPreferences', {
  description: 'Which e-mails you receive (notifications in the product come anyway).',
})
export class EmailPreferencesType {
  @Field(() => Boolean, { description: 'Reminders before and after due dates of your commitments.' })
  reminders!: boolean;

  @Field(() => Boolean, { description: 'The weekly digest, on Mondays.' })
  digest!: boolean;

  @Field(() => Boolean, { description: 'An e-mail for each notification as it happens.' })
  events!: boolean;
}

@InputType({ description: 'Your own settings; only the fields given change.' })
export class UpdateMySettingsInput {
  @Field(() => LocaleEnum, { nullable: true, description: 'Your language: the web client’s and your e-mails’.' })
  locale?: Locale | null;

  @Field(() => Boolean, { nullable: true, description: 'Receive reminders by e-mail.' })
  emailReminders?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Receive the weekly digest by e-mail.' })
  emailDigest?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Receive an e-mail for each notification.' })
  emailEvents?: boolean | null;
}

@ObjectType({ description: 'The result of updateMySettings.' })
export class UpdateMySettingsPayload {
  @Field(() => ViewerType, { description: 'You, with the new settings.' })
  viewer!: unknown;
}
