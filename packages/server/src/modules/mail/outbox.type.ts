import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../graphql/connection.js';
import { graphqlEnum } from '../../graphql/enums.js';
import { Node } from '../../graphql/node.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { MAIL_STATUSES, type MailStatus } from './outbox-mail.entity.js';

export const MailStatusEnum = graphqlEnum(MAIL_STATUSES, 'MailStatus', 'Where an e-mail of the outbox stands.', {
  HELD: 'Kept unsent because no mail server is configured (SMTP_URL).',
  PENDING: 'Waiting for the job worker to send it.',
  SENDING: 'Handed to the mail server; if it stays here, the sending was interrupted and is not repeated.',
  SENT: 'Accepted by the mail server.',
  FAILED: 'The last attempt failed (see lastError); it is retried with growing pauses.',
});

@ObjectType('OutboxMail', { implements: Node, description: 'An e-mail Prachum sent or will send (administrators).' })
export class OutboxMailType extends Node {
  @Field(() => String, { description: 'The recipient address.' })
  to!: string;

  @Field(() => String, { description: 'The subject, in the recipient’s language.' })
  subject!: string;

  @Field(() => String, { description: 'What kind of mail: a NotificationKind, or DIGEST.' })
  kind!: string;

  @Field(() => MailStatusEnum, { description: 'Where it stands.' })
  status!: MailStatus;

  @Field(() => Int, { description: 'How many times sending was tried.' })
  attempts!: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was put in the outbox.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the mail server accepted it.' })
  sentAt!: Date | null;
}

@ObjectType({ description: 'A page of the outbox, newest first.' })
export class OutboxMailConnection extends Connection(OutboxMailType, 'OutboxMail') {}
