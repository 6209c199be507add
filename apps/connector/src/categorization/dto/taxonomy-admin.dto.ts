import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** How much of Marketplacer's taxonomy the local copy holds. */
export class TaxonomyCountsDto {
  @ApiProperty({ example: 12 }) brands: number;
  @ApiProperty({ example: 40 }) taxons: number;
  @ApiProperty({ example: 5 }) prototypes: number;
}

export class KeyValueAnswerDto {
  @ApiProperty({ example: 'anymarket' }) key: string;
  @ApiProperty({ example: '77', nullable: true, type: String }) value: string | null;
}

class ExternalIdsDto {
  @ApiProperty({ type: [KeyValueAnswerDto], description: 'External ids Marketplacer keeps on the object' }) externalIds: KeyValueAnswerDto[];
}

/** A taxon (category) as Marketplacer answered the upsert. */
export class TaxonAnswerDto extends ExternalIdsDto {
  @ApiProperty({ example: 'VGF4b24tMTA=' }) id: string;
  @ApiProperty({ example: 10 }) legacyId: number;
  @ApiProperty({ example: 'Sofás' }) displayName: string;
  @ApiProperty({ example: 'Sofás' }) title: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Casa > Sala > Sofás' }) treeName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Parent taxon id; null for a root' }) parentId: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Object,
    description: 'The prototype whose option types the taxon uses',
    example: { id: 'UHJvdG90eXBlLTE=', name: 'Móveis' },
  })
  prototype: { id: string; name: string } | null;
  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'Unknown (null) in an upsert answer' }) isLeaf: boolean | null;
}

export class OptionValueAnswerDto {
  @ApiProperty({ example: 'T3B0aW9uVmFsdWUtMg==' }) id: string;
  @ApiProperty({ example: 'azul' }) name: string;
  @ApiProperty({ example: 'Azul' }) displayName: string;
  @ApiProperty({ example: 0 }) position: number;
}

/** An option type (an attribute or a variation) as Marketplacer answered the upsert. */
export class OptionTypeAnswerDto extends ExternalIdsDto {
  @ApiProperty({ example: 'T3B0aW9uVHlwZS0x' }) id: string;
  @ApiProperty({ example: 'cor' }) name: string;
  @ApiProperty({ example: 'Cor' }) displayName: string;
  @ApiPropertyOptional({ nullable: true, enum: ['SINGLE_SELECT', 'MULTI_SELECT', 'FREE_TEXT', 'INTEGER', 'DECIMAL'] }) fieldType: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['ADVERT', 'VARIANT'] }) appliedTo: string | null;
  @ApiPropertyOptional({ nullable: true, type: Boolean }) optional: boolean | null;
  @ApiProperty({ example: 0 }) position: number;
  @ApiProperty({ type: [OptionValueAnswerDto], description: 'Empty in an upsert answer (Marketplacer does not return the values)' })
  values: OptionValueAnswerDto[];
  @ApiProperty({ description: 'More values exist than were read' }) valuesTruncated: boolean;
}

/** An option value as Marketplacer answered the upsert, with its option type. */
export class OptionValueUpsertAnswerDto extends OptionValueAnswerDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'T3B0aW9uVHlwZS0x' }) optionTypeId: string | null;
}

/** A prototype (the option types of a group of taxons) as Marketplacer answered the upsert. */
export class PrototypeAnswerDto extends ExternalIdsDto {
  @ApiProperty({ example: 'UHJvdG90eXBlLTE=' }) id: string;
  @ApiProperty({ example: 'Móveis' }) name: string;
}
