import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString } from 'class-validator';

export class SchemaDropDto {
  @ApiProperty({
    type: [String],
    example: ['LineItem.totalCents', 'Advert.vetted'],
    description: 'Fields (`Type.field`, of object or input types) the simulated Marketplacer leaves out of the schema it serves; [] serves it whole',
  })
  @IsArray()
  @ArrayMaxSize(1_000)
  @IsString({ each: true })
  drop: string[];
}
