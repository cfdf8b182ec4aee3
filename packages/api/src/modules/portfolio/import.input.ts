import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../core/graphql/scalars.ts';

@InputType('ImportAccountInput')
export class ImportAccountInput {
  @Field(() => String)
  externalRef!: string;

  @Field(() => String)
  debtorName!: string;

  @Field(() => String)
  documentId!: string;

  @Field(() => [String], { nullable: true })
  phones?: string[] | null;

  @Field(() => [String], { nullable: true })
  emails?: string[] | null;

  @Field(() => String, { nullable: true, description: "IANA zone; the creditor's default when absent." })
  timeZone?: string | null;

  @Field(() => String)
  originalAmount!: string;

  @Field(() => String)
  balance!: string;

  @Field(() => String)
  currency!: string;

  @Field(() => DateScalar)
  dueDate!: string;
}

@ObjectType('ImportResult')
export class ImportResult {
  @Field(() => Int)
  imported!: number;
}
