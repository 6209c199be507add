import { ApiProperty } from '@nestjs/swagger';

export class BrandItemDto {
  @ApiProperty({ example: 'QnJhbmQtMQ==', description: "Marketplacer's brand id" }) codeInMarketplace: string;
  @ApiProperty({ example: 'Acme' }) name: string;
}

export class CategoryItemDto {
  @ApiProperty({ example: 'VGF4b24tMTA=', description: "Marketplacer's taxon id" }) codeInMarketplace: string;
  @ApiProperty({ example: 'Decoração' }) name: string;
}

export class CategoryDetailsDto {
  @ApiProperty({ example: 'VGF4b24tMTA=' }) codeInMarketPlace: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Adverts can be placed here (a leaf taxon)' }) isReceivingItens: boolean;
  @ApiProperty({ description: 'The prototype has a required variant option type' }) variationsMandatory: boolean;
  @ApiProperty() canBeSelected: boolean;
  @ApiProperty({ type: [CategoryItemDto] }) children: CategoryItemDto[];
}

export class AttributeValueDto {
  @ApiProperty() codeInMarketPlace: string;
  @ApiProperty() name: string;
}

export class CategoryAttributeDto {
  @ApiProperty({ description: "Marketplacer's option type id" }) codeInMarketPlace: string;
  @ApiProperty() description: string;
  @ApiProperty() required: boolean;
  @ApiProperty() recommended: boolean;
  @ApiProperty({ enum: ['STRING_INPUT', 'NUMBER_INPUT', 'SELECT_INPUT'] }) type: 'STRING_INPUT' | 'NUMBER_INPUT' | 'SELECT_INPUT';
  @ApiProperty({ type: [AttributeValueDto], description: 'The values to choose from (SELECT_INPUT); empty for a text attribute' })
  values: AttributeValueDto[];
}

export class VariationValueDto {
  @ApiProperty() codeInMarketplace: string;
  @ApiProperty() name: string;
}

export class VariationTypeDto {
  @ApiProperty({ description: "Marketplacer's option type id" }) codeInMarketplace: string;
  @ApiProperty({ example: 'Cor' }) name: string;
  @ApiProperty({ type: [VariationValueDto] }) values: VariationValueDto[];
}
