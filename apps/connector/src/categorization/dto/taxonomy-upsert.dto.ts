import { MayBeOmitted } from '#common';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { GRAPHQL_MAX_INT } from '#marketplacer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

/** Marketplacer's FieldTypeEnum (graph-doc fieldtypeenum). */
const FIELD_TYPES = ['SINGLE_SELECT', 'MULTI_SELECT', 'FREE_TEXT', 'INTEGER', 'DECIMAL'] as const;

/** An optional list of up to 200 prototype global ids. */
const PrototypeIds = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], description, example: ['UHJvdG90eXBlLTE='] }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(200),
    IsString({ each: true }),
    MaxLength(100, { each: true }),
  );

export class KeyValueDto {
  @ApiPropertyOptional() @IsString() @IsNotEmpty() @MaxLength(255) key: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(1000) value: string | null;
}

/** Fields common to the four taxonomy upserts: omit `id` to create, give it to update. */
abstract class UpsertDto {
  @ApiPropertyOptional({ description: 'Global id of the object to update; omit to create' })
  @MayBeOmitted()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  id?: string;
  @ApiPropertyOptional({ type: [KeyValueDto] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => KeyValueDto)
  externalIds?: KeyValueDto[];
}

export class TaxonUpsertDto extends UpsertDto {
  @ApiPropertyOptional() @MayBeOmitted() @IsString() @IsNotEmpty() @MaxLength(255) displayName?: string;
  @ApiPropertyOptional() @MayBeOmitted() @IsString() @IsNotEmpty() @MaxLength(255) title?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Parent taxon id; null for a root' }) @IsOptional() @IsString() @MaxLength(100) parentId?:
    string | null;
  @ApiPropertyOptional() @MayBeOmitted() @IsString() @IsNotEmpty() @MaxLength(100) prototypeId?: string;
}

export class PrototypeUpsertDto extends UpsertDto {
  @ApiPropertyOptional() @MayBeOmitted() @IsString() @IsNotEmpty() @MaxLength(255) name?: string;
}

export class OptionTypeUpsertDto extends UpsertDto {
  @ApiPropertyOptional() @MayBeOmitted() @IsString() @IsNotEmpty() @MaxLength(255) name?: string;
  @ApiPropertyOptional() @MayBeOmitted() @IsString() @IsNotEmpty() @MaxLength(255) displayName?: string;
  @ApiPropertyOptional({ enum: FIELD_TYPES, description: 'graph-doc fieldtypeenum' })
  @MayBeOmitted()
  @IsIn(FIELD_TYPES)
  fieldType?: (typeof FIELD_TYPES)[number];
  @ApiPropertyOptional({ enum: ['ADVERT', 'VARIANT'] }) @MayBeOmitted() @IsIn(['ADVERT', 'VARIANT']) appliedTo?: 'ADVERT' | 'VARIANT';
  @ApiPropertyOptional() @MayBeOmitted() @IsBoolean() optional?: boolean;
  @PrototypeIds('Prototypes (global ids) the option type joins') prototypeIds?: string[];
  @PrototypeIds('Prototypes (global ids) the option type leaves') prototypeIdsToRemove?: string[];
}

export class OptionValueUpsertDto extends UpsertDto {
  @ApiPropertyOptional() @MayBeOmitted() @IsString() @IsNotEmpty() @MaxLength(100) optionTypeId?: string;
  @ApiPropertyOptional() @MayBeOmitted() @IsString() @IsNotEmpty() @MaxLength(255) name?: string;
  @ApiPropertyOptional() @MayBeOmitted() @IsString() @IsNotEmpty() @MaxLength(255) displayName?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: GRAPHQL_MAX_INT, description: "Order among the option type's values (Marketplacer's Int)" })
  @MayBeOmitted()
  @IsInt()
  @Min(0)
  @Max(GRAPHQL_MAX_INT)
  position?: number;
}
